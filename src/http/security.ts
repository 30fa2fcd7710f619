import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers. Agora lives inside LMS iframes, so instead of X-Frame-Options the CSP's
 * frame-ancestors lists the registered platforms (refreshed from the registry every minute).
 * Scripts and styles come only from our own origin: no inline script anywhere.
 */
export function securityHeaders(frameAncestors: () => string[]): RequestHandler {
  return (req, res, next) => {
    helmet({
      frameguard: false,
      crossOriginEmbedderPolicy: false,
      // Pages are embedded by LMS origins; the default same-origin opener/resource policies would break that.
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'https:', 'data:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'self'", ...frameAncestors()],
        },
      },
    })(req, res, next);
  };
}

/** The origins allowed to frame Agora, from registered platforms' issuers and login endpoints. */
export function frameAncestorsFrom(platforms: Array<{ issuer: string; authUrl: string }>): string[] {
  const origins = new Set<string>();
  for (const platform of platforms) {
    for (const url of [platform.issuer, platform.authUrl]) {
      try {
        origins.add(new URL(url).origin);
      } catch {
        // A malformed registration must not break every page; it simply adds no origin.
      }
    }
    // Canvas Cloud shares one issuer; each institution frames from its own *.instructure.com host.
    if (/^https:\/\/canvas(\.(test|beta))?\.instructure\.com$/.test(platform.issuer)) origins.add('https://*.instructure.com');
  }
  return [...origins];
}
