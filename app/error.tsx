"use client";

import { useEffect } from "react";
import { useTexts } from "@/components/texts-provider";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useTexts("common");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("error.title")}</h1>
      <p className="mt-2 text-muted-foreground">{t("error.body")}</p>
      <Button variant="secondary" className="mt-8" onClick={reset}>
        {t("error.retry")}
      </Button>
    </main>
  );
}
