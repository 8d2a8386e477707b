import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { buttonClasses } from "@/components/ui/button";
import { getTranslation } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getTranslation("common");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t("notFound.title")}</h1>
        <p className="mt-2 text-muted-foreground">{t("notFound.body")}</p>
        <Link href="/" className={buttonClasses({ variant: "secondary", className: "mt-8" })}>
          {t("notFound.home")}
        </Link>
      </main>
    </>
  );
}
