/**
 * The views, one tab each. Adding a view is one entry here (later issues add
 * "Sessions", "Files", "Credentials", "Diagrams", "Statistics").
 */
import type { ComponentType } from "react";
import { PacketsView } from "../packets/PacketsView";

export interface ViewDef {
  id: string;
  /** Tab name, exactly as users and tests read it. */
  name: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewDef[] = [{ id: "packets", name: "Packets", component: PacketsView }];
