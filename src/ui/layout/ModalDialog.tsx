import type { ReactNode } from "react";

/** A modal dialog over a backdrop: a click on the backdrop or Escape closes it. */
export function ModalDialog({
  label,
  className,
  onClose,
  children,
}: {
  label: string;
  className?: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className={className ? `dialog ${className}` : "dialog"}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        {children}
      </div>
    </div>
  );
}
