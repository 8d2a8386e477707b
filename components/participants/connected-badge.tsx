"use client";

import { useTranslation } from "react-i18next";
import { cn } from "@/components/ui/cn";

/** "Is currently connected": a green dot "Active" or a grey "Inactive". */
export function ConnectedBadge({ active }: { active: boolean }) {
  const { t } = useTranslation("participants");
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" data-connected={active ? "active" : "inactive"}>
      <span aria-hidden className={cn("size-2 rounded-full", active ? "bg-success shadow-[0_0_0_3px] shadow-success/15" : "bg-muted-foreground/35")} />
      <span className={active ? "font-medium text-success" : "text-muted-foreground"}>{active ? t("connected.active") : t("connected.inactive")}</span>
    </span>
  );
}
