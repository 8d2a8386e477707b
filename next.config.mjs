/** @type {import('next').NextConfig} */
const nextConfig = {
  // Supabase URL and keys are read at run time (lib/env.ts), so one build serves any stack.
  poweredByHeader: false,
  reactStrictMode: true,
  // `next dev` allows localhost only; the e2e browser (and many developers) use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
