import { useViewStore } from "../../store/view-store";
import { Tabs } from "../layout/Tabs";
import { VIEWS } from "./views";

/** The view tabs (role="tab"); arrow keys move between them. */
export function ViewTabs() {
  const tab = useViewStore((s) => s.tab);
  const setTab = useViewStore((s) => s.setTab);
  return <Tabs label="Views" tabs={VIEWS} current={tab} select={setTab} className="view-tabs" idPrefix="tab-" panelPrefix="panel-" />;
}

/** The active view's panel. */
export function ViewPanel() {
  const tab = useViewStore((s) => s.tab);
  const view = VIEWS.find((v) => v.id === tab) ?? VIEWS[0]!;
  const View = view.component;
  return (
    <div className="view-panel" role="tabpanel" id={`panel-${view.id}`} aria-labelledby={`tab-${view.id}`}>
      <View />
    </div>
  );
}
