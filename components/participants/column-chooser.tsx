"use client";

import { DropdownMenu } from "radix-ui";
import { useTranslation } from "react-i18next";
import { buttonClasses } from "@/components/ui/button";
import { GRID_COLUMNS, type GridColumn } from "@/lib/participants/grid-state";

/** Shows or hides columns (at least one stays); a shown column keeps its place, a new one goes to the end. */
export function ColumnChooser({ columns, onChange }: { columns: GridColumn[]; onChange(next: GridColumn[]): void }) {
  const { t } = useTranslation("participants");
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClasses({ variant: "secondary", size: "sm", className: "h-9" })}>
        {t("grid.columnsButton")}
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-control border border-border bg-surface p-1 shadow-card">
        <DropdownMenu.Label className="px-2.5 py-1.5 text-xs font-medium text-muted-foreground">{t("grid.columnsLabel")}</DropdownMenu.Label>
        {GRID_COLUMNS.map((column) => {
          const shown = columns.includes(column);
          return (
            <DropdownMenu.CheckboxItem
              key={column}
              checked={shown}
              disabled={shown && columns.length === 1}
              onSelect={(selectEvent) => selectEvent.preventDefault()}
              onCheckedChange={(checked) => onChange(checked ? [...columns, column] : columns.filter((c) => c !== column))}
              className="flex cursor-default items-center gap-2 rounded-md py-1.5 pr-2.5 pl-7 text-sm select-none focus-visible:-outline-offset-2 data-[disabled]:opacity-50 data-[highlighted]:bg-muted relative"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 text-primary">✓</DropdownMenu.ItemIndicator>
              {t(`columns.${column}`)}
            </DropdownMenu.CheckboxItem>
          );
        })}
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  );
}
