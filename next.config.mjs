/** @type {import('next').NextConfig} */
const nextConfig = {
  // Supabase URL and keys are read at run time (lib/env.ts), so one build serves any stack.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
