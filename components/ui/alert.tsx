import type { ReactNode } from "react";
import { cn } from "./cn";

export function Alert({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-control border px-3.5 py-2.5 text-sm leading-relaxed",
        tone === "error" ? "border-danger/25 bg-danger-soft text-danger" : "border-success/25 bg-success-soft text-success",
      )}
    >
      {children}
    </div>
  );
}
