/**
 * The views, one tab each. Adding a view is one entry here (later issues add
 * "Sessions", "Files", "Credentials", "Diagrams", "Statistics").
 */
import type { ComponentType } from "react";
import { PacketsView } from "../packets/PacketsView";
import { DiagramsView } from "../diagrams/DiagramsView";
import { SessionsView } from "../sessions/SessionsView";
import { FilesView } from "../files/FilesView";
import { CredentialsView } from "../credentials/CredentialsView";
import { StatisticsView } from "../statistics/StatisticsView";
import { ExpertView } from "../expert/ExpertView";

export interface ViewDef {
  id: string;
  /** Tab name, exactly as users and tests read it. */
  name: string;
  component: ComponentType;
}

export const VIEWS: readonly ViewDef[] = [
  { id: "packets", name: "Packets", component: PacketsView },
  { id: "sessions", name: "Sessions", component: SessionsView },
  { id: "files", name: "Files", component: FilesView },
  { id: "credentials", name: "Credentials", component: CredentialsView },
  { id: "diagrams", name: "Diagrams", component: DiagramsView },
  { id: "statistics", name: "Statistics", component: StatisticsView },
  // Wireshark's Analyze ▸ Expert Information.
  { id: "expert", name: "Expert Info", component: ExpertView },
];
