/**
 * Drag to reorder a list (filter buttons, colouring rules): items carry
 * their id under a drag type of the list's own, so a drop from anywhere else
 * is ignored; `dropAt` is the index the dragged item would land at.
 */
import { useState, type DragEvent } from "react";

export function useDragReorder(dragType: string, move: (id: string, index: number) => void) {
  const [dropAt, setDropAt] = useState<number | null>(null);
  return {
    dropAt,
    /** Props of what is dragged: the item `id`. */
    source: (id: string) => ({
      onDragStart: (e: DragEvent) => {
        e.dataTransfer.setData(dragType, id);
        e.dataTransfer.effectAllowed = "move";
      },
    }),
    /** Props of the place at `index` an item is dropped on. */
    target: (index: number) => ({
      onDragOver: (e: DragEvent) => {
        if (!e.dataTransfer.types.includes(dragType)) return;
        e.preventDefault();
        setDropAt(index);
      },
      onDragLeave: () => setDropAt(null),
      onDrop: (e: DragEvent) => {
        const id = e.dataTransfer.getData(dragType);
        setDropAt(null);
        if (!id) return;
        e.preventDefault();
        move(id, index);
      },
    }),
  };
}
