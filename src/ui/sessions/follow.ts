/**
 * HOOK — Follow TCP Stream. The follow pane (src/engine/follow + its view)
 * had no store action or route the FTP views could call when this was
 * written. Until it has, "Follow TCP Stream" selects the stream's first frame
 * in the packet list (from where the Follow pane opens). Replace the body of
 * `followTcpStream` with the follow view's action once it exists.
 */
import { selectFrame } from "./FrameLink";

export function followTcpStream(stream: number, firstFrame: number): void {
  void stream;
  selectFrame(firstFrame);
}
