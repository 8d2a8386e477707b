import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost";

const variants: Record<Variant, string> = {
  primary: "bg-primary text-primary-foreground hover:bg-primary-hover shadow-sm",
  secondary: "border border-border bg-surface text-foreground hover:bg-muted shadow-sm",
  ghost: "text-muted-foreground hover:bg-muted hover:text-foreground",
};

export const buttonClasses = (variant: Variant = "primary", className?: string) =>
  cn(
    "inline-flex h-10 items-center justify-center gap-2 rounded-control px-4 text-sm font-medium whitespace-nowrap",
    "transition-colors disabled:pointer-events-none disabled:opacity-60",
    variants[variant],
    className,
  );

export function Button({ variant = "primary", className, type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClasses(variant, className)} {...props} />;
}
