const production = process.env.NODE_ENV === "production";

// On every response, static files included. The Content-Security-Policy, which needs a nonce per response, is set by
// proxy.ts (lib/security/content-security-policy.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers without CSP frame-ancestors; nothing may frame the app.
  { key: "X-Frame-Options", value: "DENY" },
  // Conversation and sign-in URLs stay inside the app.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore it over plain HTTP, so `next start` on localhost is not pinned to HTTPS.
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Supabase URL and keys are read at run time (lib/env.ts), so one build serves any stack.
  poweredByHeader: false,
  reactStrictMode: true,
  // `next dev` allows localhost only; the e2e browser (and many developers) use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  // Browsers still ask for /favicon.ico when a page has not declared its icon yet (a navigation cut short): answer
  // with the app's icon rather than a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
