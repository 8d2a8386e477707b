import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { buttonClasses } from "@/components/ui/button";
import { getTranslation } from "@/lib/i18n/server";
import { ADMIN_HOME_PATH } from "@/lib/routes";

export default async function HomePage() {
  const { t } = await getTranslation("common");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto flex max-w-3xl flex-col items-center px-4 py-24 text-center sm:px-6">
        <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">{t("home.title")}</h1>
        <p className="mt-5 max-w-2xl text-lg leading-relaxed text-pretty text-muted-foreground">{t("home.lead")}</p>
        <Link href={ADMIN_HOME_PATH} className={buttonClasses({ size: "lg", className: "mt-10" })}>
          {t("home.backofficeLink")}
        </Link>
        <p className="mt-3 text-sm text-muted-foreground">{t("home.backofficeHint")}</p>
      </main>
    </>
  );
}
