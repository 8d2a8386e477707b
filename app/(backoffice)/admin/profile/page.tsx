import type { Metadata } from "next";
import Link from "next/link";
import { TopBar } from "@/components/backoffice/top-bar";
import { Card } from "@/components/ui/card";
import { getTranslation } from "@/lib/i18n/server";
import { getMyProfile } from "@/lib/queries/profile";
import { ADMIN_HOME_PATH } from "@/lib/routes";
import { ProfileForm } from "./_components/profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("shell");
  return { title: t("profile.title") };
}

export default async function ProfilePage() {
  const [profile, { t }] = await Promise.all([getMyProfile(), getTranslation("shell")]);
  return (
    <>
      <TopBar displayName={profile.displayName} />
      <main className="mx-auto max-w-xl px-4 py-8 sm:px-6 sm:py-10">
        <Link href={ADMIN_HOME_PATH} className="text-sm text-muted-foreground hover:text-foreground">
          ← {t("profile.back")}
        </Link>
        <h1 className="mt-3 text-2xl font-semibold tracking-tight">{t("profile.title")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("profile.subtitle")}</p>
        <Card className="mt-6 p-5 sm:p-6">
          <ProfileForm email={profile.email} displayName={profile.displayName} locale={profile.locale} />
        </Card>
      </main>
    </>
  );
}
