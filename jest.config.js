/** Jest runs TypeScript through ts-jest without type-checking (`npm run typecheck` does that once). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/tests/support/cleanup.ts'],
  // Each file builds its own app on its own SQLite file, so files run in parallel safely.
  maxWorkers: 2,
  watchman: false,
};
