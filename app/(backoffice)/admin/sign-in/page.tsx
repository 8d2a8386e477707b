import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { localMailboxUrl } from "@/lib/env";
import { getTranslation } from "@/lib/i18n/server";
import { nextPathSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";
import { SignInForm } from "./_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("backoffice");
  return { title: t("signIn.title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = nextPathSchema.parse(typeof params.next === "string" ? params.next : undefined);

  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  if (data?.claims.sub) redirect(next);

  const { t } = await getTranslation("backoffice");
  return (
    <>
      <SiteHeader />
      <main className="flex justify-center px-4 py-16 sm:py-24">
        <Card className="w-full max-w-sm p-6 sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">{t("signIn.title")}</h1>
          <p className="mt-1.5 text-sm text-muted-foreground">{t("signIn.subtitle")}</p>
          <SignInForm next={next} mailboxUrl={localMailboxUrl()} initialError={params.error === "link" ? "errors.linkInvalid" : null} />
        </Card>
      </main>
    </>
  );
}
