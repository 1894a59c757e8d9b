/**
 * `--diagram`: Markdown with Mermaid sequence diagrams on stdout.
 *
 *   --diagram ftp                 every FTP session: a heading per session and per exchange, a ```mermaid block each
 *   --diagram ftp,SESSION         one session (its number in the FTP analysis, 0-based)
 *   --diagram tcp,STREAM          the flow graph of one TCP stream (tcp.stream)
 *   --diagram udp,STREAM          the flow graph of one UDP stream (udp.stream)
 *   --diagram http                the HTTP exchanges of every TCP stream that carries HTTP
 *   --diagram http,STREAM         those of one TCP stream
 *   --diagram-detail commands|tcp|packets   (FTP; default tcp)
 *   --diagram-args                command arguments and reply text in the labels (passwords masked)
 *   --diagram-passwords           with --diagram-args: show PASS arguments
 *   --diagram-numbers none|autonumber|frame
 *
 * The drawing is the engine's (engine/diagram); this file parses the
 * requests and prints.
 */
import { UsageError, type CliOptions } from "./args";
import type { Io } from "./io";
import { CaptureSession } from "../engine/session/capture-session";
import type { LoadResult } from "../engine/session/types";
import { Diagrams, type DiagramOptions } from "../engine/diagram/service";
import { DETAIL_LEVELS, type DetailLevel } from "../engine/diagram/ftp-exchanges";
import type { Numbering } from "../engine/diagram/mermaid";
import type { ByteSource } from "../engine/io/byte-source";
import { nativeDigests } from "./native-digests";

export type DiagramSpec =
  | { kind: "ftp"; session: number | null }
  | { kind: "tcp" | "udp"; stream: number }
  | { kind: "http"; stream: number | null };

export interface DiagramPlan {
  specs: DiagramSpec[];
  options: DiagramOptions;
}

const NUMBERINGS: readonly Numbering[] = ["none", "autonumber", "frame"];

function index(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`invalid ${what} "${text}" in --diagram (a number from 0)`);
  return n;
}

/** The --diagram requests and options, checked before the capture is read (usage errors exit 2). */
export function diagramPlan(opts: CliOptions): DiagramPlan | null {
  if (opts.diagram.length === 0) {
    if (opts.diagramDetail !== undefined) throw new UsageError("--diagram-detail requires --diagram");
    return null;
  }
  const specs = opts.diagram.map((d): DiagramSpec => {
    const [kind, arg, ...rest] = d.split(",");
    if (rest.length) throw new UsageError(`invalid --diagram "${d}" (ftp, ftp,SESSION, http, http,STREAM, tcp,STREAM or udp,STREAM)`);
    if (kind === "ftp") return { kind: "ftp", session: arg === undefined ? null : index(arg, "FTP session") };
    if (kind === "http") return { kind: "http", stream: arg === undefined ? null : index(arg, "TCP stream") };
    if (kind === "tcp" || kind === "udp") {
      if (arg === undefined) throw new UsageError(`--diagram ${kind} needs a stream: ${kind},STREAM`);
      return { kind, stream: index(arg, `${kind.toUpperCase()} stream`) };
    }
    throw new UsageError(`unknown diagram "${kind ?? ""}" in --diagram (ftp, http, tcp or udp)`);
  });
  const level = opts.diagramDetail ?? "tcp";
  if (!DETAIL_LEVELS.includes(level as DetailLevel)) throw new UsageError(`invalid --diagram-detail "${level}" (commands, tcp or packets)`);
  const numbering = opts.diagramNumbers ?? "none";
  if (!NUMBERINGS.includes(numbering as Numbering)) throw new UsageError(`invalid --diagram-numbers "${numbering}" (none, autonumber or frame)`);
  if (opts.diagramPasswords && !opts.diagramArgs) throw new UsageError("--diagram-passwords requires --diagram-args");
  return {
    specs,
    options: { level: level as DetailLevel, numbering: numbering as Numbering, arguments: opts.diagramArgs, revealPasswords: opts.diagramPasswords },
  };
}

/**
 * Prints the diagrams asked for, from a capture session that has read the
 * capture (`loaded`: how that went). Exit code: 0, or 1 for a capture that
 * could not be read.
 */
export async function printDiagrams(session: CaptureSession, loaded: LoadResult, plan: DiagramPlan, io: Io): Promise<number> {
  const source = session.source;
  if (loaded.problem && loaded.packets === 0) {
    io.stderr(`pcapscope: ${loaded.problem.message}\n`);
    return 1;
  }
  if (loaded.problem) io.stderr(`pcapscope: ${loaded.problem.message} Diagrams show the ${loaded.packets} packets before it.\n`);
  const diagrams = new Diagrams(session, async () => (await session.ftpReport()).analysis);
  const out: string[] = [];
  let status = loaded.problem ? 1 : 0;
  for (const spec of plan.specs) {
    if (spec.kind !== "ftp") {
      const streams = spec.stream !== null ? [spec.stream] : diagrams.httpConversations().map((c) => c.stream);
      if (streams.length === 0) io.stderr(`pcapscope: no HTTP in ${source.name}\n`);
      for (const stream of streams) {
        const md = await diagrams.flowMarkdown(stream, plan.options, spec.kind);
        if (md === null) {
          io.stderr(`pcapscope: there is no ${spec.kind === "udp" ? "UDP" : "TCP"} stream ${stream} in ${source.name}\n`);
          status = 2;
        } else out.push(md);
      }
      continue;
    }
    const sessions = await diagrams.sessions();
    if (spec.session !== null && !sessions.some((s) => s.id === spec.session)) {
      io.stderr(`pcapscope: there is no FTP session ${spec.session} in ${source.name} (${sessions.length} found)\n`);
      status = 2;
      continue;
    }
    if (sessions.length === 0) {
      io.stderr(`pcapscope: no FTP sessions in ${source.name}\n`);
      continue;
    }
    out.push(await diagrams.markdown(spec.session, plan.options));
  }
  io.stdout(out.join("\n"));
  return status;
}

/** Golden files: `fixtures/<name>.diagram.<level>.md` beside each capture (scripts/update-diagram-goldens.ts). */
export const GOLDEN_OPTIONS: DiagramOptions = { arguments: true };

export function diagramGoldenPath(capture: string, level: DetailLevel): string {
  return capture.replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, "") + `.diagram.${level}.md`;
}

/**
 * What `pcapscope -r CAPTURE --diagram ftp --diagram-args --diagram-detail LEVEL`
 * prints, for every level, from one reading of the capture.
 */
export async function diagramGoldens(source: ByteSource): Promise<Map<DetailLevel, string>> {
  const session = new CaptureSession(source, { digests: nativeDigests });
  await session.load();
  const diagrams = new Diagrams(session, async () => (await session.ftpReport()).analysis);
  const out = new Map<DetailLevel, string>();
  for (const level of DETAIL_LEVELS) out.set(level, await diagrams.markdown(null, { ...GOLDEN_OPTIONS, level }));
  return out;
}
