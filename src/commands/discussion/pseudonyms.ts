import { createHash } from 'node:crypto';

/**
 * "Anonymous Heron": a stable name per person and course, so an anonymous conversation stays
 * followable without revealing who is who. Candidates start at a point derived from the person and
 * course (so names look random), and the store keeps the first one nobody else in the course has.
 */
const ANIMALS = [
  'Albatross', 'Alpaca', 'Antelope', 'Badger', 'Beaver', 'Bison', 'Bobcat', 'Capybara', 'Caribou', 'Cheetah',
  'Chinchilla', 'Condor', 'Coyote', 'Crane', 'Dingo', 'Dolphin', 'Dormouse', 'Eagle', 'Egret', 'Elk',
  'Falcon', 'Ferret', 'Finch', 'Flamingo', 'Fox', 'Gazelle', 'Gecko', 'Gibbon', 'Giraffe', 'Gull',
  'Hare', 'Hedgehog', 'Heron', 'Hippo', 'Ibex', 'Ibis', 'Impala', 'Jackal', 'Jaguar', 'Kestrel',
  'Kingfisher', 'Koala', 'Lemur', 'Leopard', 'Lynx', 'Macaw', 'Manatee', 'Marmot', 'Marten', 'Meerkat',
  'Mink', 'Moose', 'Narwhal', 'Newt', 'Ocelot', 'Octopus', 'Orca', 'Osprey', 'Otter', 'Owl',
  'Panda', 'Pangolin', 'Panther', 'Parrot', 'Pelican', 'Penguin', 'Petrel', 'Puffin', 'Puma', 'Quail',
  'Quokka', 'Raccoon', 'Raven', 'Reindeer', 'Robin', 'Salamander', 'Seal', 'Serval', 'Sparrow', 'Squirrel',
  'Stork', 'Swan', 'Tapir', 'Tern', 'Tiger', 'Tortoise', 'Toucan', 'Turtle', 'Vole', 'Walrus',
  'Weasel', 'Whale', 'Wolf', 'Wombat', 'Wren', 'Yak', 'Zebra',
];

export function pseudonymCandidates(courseId: string, personId: string): string[] {
  const start = createHash('sha256').update(`${courseId}:${personId}`).digest().readUInt32BE(0) % ANIMALS.length;
  const rotated = [...ANIMALS.slice(start), ...ANIMALS.slice(0, start)];
  const names = rotated.map((animal) => `Anonymous ${animal}`);
  // Past a hundred anonymous authors in one course, numbered names keep everyone distinct.
  for (let round = 2; round <= 30; round += 1) names.push(...rotated.map((animal) => `Anonymous ${animal} ${round}`));
  return names;
}
