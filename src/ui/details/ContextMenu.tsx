import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type RefObject,
} from "react";

export interface MenuItem {
  label: string;
  disabled?: boolean;
  title?: string;
  action?(): void;
  /** Items of a submenu ("Apply as Filter ▸ Selected"): opened by a click, hovering, or the right arrow. */
  submenu?: readonly MenuItem[];
}

interface Props {
  x: number;
  y: number;
  label: string;
  items: readonly MenuItem[];
  onClose(): void;
}

/** Hovering this long over an item opens its submenu (a diagonal move to the submenu does not open its neighbours'). */
const HOVER_OPEN_MS = 150;

/**
 * Keeps a fixed-position menu inside the window: shifted up when it would
 * run off the bottom, and to the left of `flipLeft` (its parent menu's left
 * edge, for a submenu) or of the window's edge when it would run off the right.
 */
function useInsideWindow(ref: RefObject<HTMLDivElement | null>, x: number, y: number, flipLeft?: number): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    let left = x;
    if (left + width > window.innerWidth) left = flipLeft !== undefined ? flipLeft - width + 2 : window.innerWidth - width - 4;
    const top = Math.min(y, window.innerHeight - height - 4);
    el.style.left = `${Math.max(0, left)}px`;
    el.style.top = `${Math.max(0, top)}px`;
  }, [ref, x, y, flipLeft]);
}

function focusFirst(el: HTMLElement | null): void {
  el?.querySelector<HTMLButtonElement>("button:not([disabled])")?.focus();
}

/** Moves the focus among a menu's own buttons (not its submenu's). */
function moveFocus(menu: HTMLElement, delta: number): void {
  const buttons = [...menu.querySelectorAll<HTMLButtonElement>(":scope > button:not([disabled])")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  buttons[(at + delta + buttons.length) % buttons.length]?.focus();
}

/**
 * A small context menu (role="menu"), closed by Escape, a click elsewhere or
 * choosing an item; items may open one level of submenu (Escape or the left
 * arrow closes just the submenu).
 */
export function ContextMenu({ x, y, label, items, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<{ index: number; x: number; y: number; parentLeft: number; focus: boolean } | null>(null);
  const openRef = useRef(open);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    openRef.current = open;
  });
  useInsideWindow(ref, x, y);

  useEffect(() => {
    focusFirst(ref.current);
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const esc = (e: KeyboardEvent): void => {
      if (e.key !== "Escape") return;
      if (openRef.current) return; // the submenu's own handler closes it
      onClose();
    };
    window.addEventListener("mousedown", away);
    window.addEventListener("keydown", esc);
    window.addEventListener("blur", onClose);
    return () => {
      window.removeEventListener("mousedown", away);
      window.removeEventListener("keydown", esc);
      window.removeEventListener("blur", onClose);
      if (hoverTimer.current) clearTimeout(hoverTimer.current);
    };
  }, [onClose]);

  const openSubmenu = (index: number, button: HTMLElement, focus: boolean): void => {
    const r = button.getBoundingClientRect();
    setOpen({ index, x: r.right - 2, y: r.top - 4, parentLeft: r.left, focus });
  };

  const onKeyDown = (e: ReactKeyboardEvent): void => {
    // The keyboard wins over a submenu the mouse was about to open.
    if (hoverTimer.current) clearTimeout(hoverTimer.current);
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    if (ref.current) moveFocus(ref.current, e.key === "ArrowDown" ? 1 : -1);
  };

  const sub = open ? items[open.index] : undefined;

  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={label} style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      {items.map((item, i) => {
        const hasSub = !!item.submenu;
        const onEnter = (e: ReactMouseEvent<HTMLButtonElement>): void => {
          if (hoverTimer.current) clearTimeout(hoverTimer.current);
          const button = e.currentTarget;
          hoverTimer.current = setTimeout(() => {
            if (hasSub && !item.disabled) openSubmenu(i, button, false);
            else setOpen(null);
          }, HOVER_OPEN_MS);
        };
        return (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            disabled={item.disabled}
            title={item.title}
            aria-haspopup={hasSub ? "menu" : undefined}
            aria-expanded={hasSub ? open?.index === i : undefined}
            className={hasSub ? "context-menu-parent" : undefined}
            onMouseEnter={onEnter}
            onMouseLeave={() => hoverTimer.current && clearTimeout(hoverTimer.current)}
            onKeyDown={(e) => {
              if (hasSub && (e.key === "ArrowRight" || e.key === "Enter" || e.key === " ")) {
                e.preventDefault();
                e.stopPropagation();
                if (hoverTimer.current) clearTimeout(hoverTimer.current);
                openSubmenu(i, e.currentTarget, true);
              }
            }}
            onClick={(e) => {
              if (hasSub) {
                openSubmenu(i, e.currentTarget, true);
                return;
              }
              item.action?.();
              onClose();
            }}
          >
            {item.label}
          </button>
        );
      })}
      {open && sub?.submenu && (
        <Submenu
          key={open.index}
          x={open.x}
          y={open.y}
          parentLeft={open.parentLeft}
          label={sub.label}
          items={sub.submenu}
          focus={open.focus}
          onBack={() => {
            const parent = ref.current?.querySelectorAll<HTMLButtonElement>(":scope > button")[open.index];
            setOpen(null);
            parent?.focus();
          }}
          onChosen={onClose}
        />
      )}
    </div>
  );
}

interface SubmenuProps {
  x: number;
  y: number;
  parentLeft: number;
  label: string;
  items: readonly MenuItem[];
  focus: boolean;
  onBack(): void;
  onChosen(): void;
}

function Submenu({ x, y, parentLeft, label, items, focus, onBack, onChosen }: SubmenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useInsideWindow(ref, x, y, parentLeft);
  useEffect(() => {
    if (focus) focusFirst(ref.current);
  }, [focus]);
  const onKeyDown = (e: ReactKeyboardEvent): void => {
    e.stopPropagation();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (ref.current) moveFocus(ref.current, e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "ArrowLeft" || e.key === "Escape") {
      e.preventDefault();
      onBack();
    }
  };
  return (
    <div
      ref={ref}
      className="context-menu context-submenu"
      role="menu"
      aria-label={label}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          title={item.title}
          onClick={() => {
            item.action?.();
            onChosen();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
