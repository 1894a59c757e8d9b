/**
 * tshark-compatible argument parsing. Only the flags pcapscope implements are
 * accepted; anything else is a usage error (exit 2) rather than silently ignored.
 */
import { OUTPUT_FORMATS, type OutputFormat } from "../engine/capture/write-capture";

export class UsageError extends Error {}

export interface FieldOptions {
  header: boolean;
  separator: string;
  occurrence: "a" | "f" | "l";
  aggregator: string;
  quote: "" | '"' | "'";
}

export interface CliOptions {
  readFile?: string;
  count?: number;
  /** "json": only with --credentials (tshark's -T json of packets is not supported). */
  outputType: "text" | "fields" | "json";
  fields: string[];
  fieldOptions: FieldOptions;
  quiet: boolean;
  displayFilter?: string;
  /** -R: the read filter of a two-pass run (tshark requires -2 with it). */
  readFilter?: string;
  /** -2: dissect every packet once, then again to print (requests see their responses). */
  twoPass: boolean;
  statistics: string[];
  /** -w FILE: write the packets the display filter keeps as a capture ("-": standard output). */
  writeFile?: string;
  /** -F: the format -w writes (tshark's default: pcapng). */
  writeFormat: OutputFormat;
  exportObjects: string[];
  /** --credentials: list the cleartext credentials (a table, or JSON with -T json) instead of the packets. */
  credentials: boolean;
  diagram: string[];
  diagramDetail?: string;
  /** --diagram-args: command arguments and reply text in diagram labels. */
  diagramArgs: boolean;
  /** --diagram-passwords: PASS arguments shown (with --diagram-args). */
  diagramPasswords: boolean;
  /** --diagram-numbers none|autonumber|frame. */
  diagramNumbers?: string;
  verbose: boolean;
  hex: boolean;
  /** MAC address names (tshark's default; off with -n, -N without "m"). */
  macNames: boolean;
  help: boolean;
  version: boolean;
}

const SEPARATOR_ALIASES: Record<string, string> = { "/t": "\t", "/s": " " };

function parseFieldOption(opt: string, fo: FieldOptions): void {
  const eq = opt.indexOf("=");
  if (eq < 0) throw new UsageError(`invalid -E option "${opt}" (expected name=value)`);
  const name = opt.slice(0, eq);
  const value = opt.slice(eq + 1);
  switch (name) {
    case "header":
      if (value !== "y" && value !== "n") throw new UsageError(`invalid -E header value "${value}" (y or n)`);
      fo.header = value === "y";
      return;
    case "separator":
      fo.separator = SEPARATOR_ALIASES[value] ?? value.slice(0, 1);
      return;
    case "aggregator":
      fo.aggregator = SEPARATOR_ALIASES[value] ?? value.slice(0, 1);
      return;
    case "occurrence":
      if (value !== "a" && value !== "f" && value !== "l") throw new UsageError(`invalid -E occurrence value "${value}" (f, l or a)`);
      fo.occurrence = value;
      return;
    case "quote":
      fo.quote = value === "d" ? '"' : value === "s" ? "'" : value === "n" ? "" : (() => {
        throw new UsageError(`invalid -E quote value "${value}" (d, s or n)`);
      })();
      return;
    default:
      throw new UsageError(`unknown -E option "${name}"`);
  }
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    outputType: "text",
    fields: [],
    fieldOptions: { header: false, separator: "\t", occurrence: "a", aggregator: ",", quote: "" },
    quiet: false,
    twoPass: false,
    statistics: [],
    writeFormat: "pcapng",
    exportObjects: [],
    credentials: false,
    diagram: [],
    diagramArgs: false,
    diagramPasswords: false,
    verbose: false,
    hex: false,
    macNames: true,
    help: false,
    version: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`option ${flag} requires an argument`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // tshark accepts both "-r FILE" and "-rFILE".
    const flag = a.startsWith("--") ? a.split("=")[0]! : a.slice(0, 2);
    const attached = a.startsWith("--") ? (a.includes("=") ? a.slice(a.indexOf("=") + 1) : undefined) : a.length > 2 ? a.slice(2) : undefined;
    const arg = (): string => {
      if (attached !== undefined) return attached;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case "-r":
        o.readFile = arg();
        break;
      case "-c": {
        const s = arg();
        const n = Number(s);
        if (!Number.isInteger(n) || n <= 0) throw new UsageError(`invalid packet count "${s}"`);
        o.count = n;
        break;
      }
      case "-T": {
        const t = arg();
        if (t !== "fields" && t !== "text" && t !== "json") throw new UsageError(`output type "${t}" is not supported (fields or text)`);
        o.outputType = t;
        break;
      }
      case "-e":
        o.fields.push(arg());
        break;
      case "-E":
        parseFieldOption(arg(), o.fieldOptions);
        break;
      case "-Y":
        o.displayFilter = arg();
        break;
      case "-R":
        o.readFilter = arg();
        break;
      case "-z":
        o.statistics.push(arg());
        break;
      case "-w":
        o.writeFile = arg();
        break;
      case "-F": {
        const f = arg();
        if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`-F ${f}: the formats written are ${OUTPUT_FORMATS.join(", ")}`);
        o.writeFormat = f as OutputFormat;
        break;
      }
      case "-q":
        if (attached !== undefined) throw new UsageError(`unknown option ${a}`);
        o.quiet = true;
        break;
      case "-n":
        // Every name resolution off; MAC names are the only kind pcapscope does.
        if (attached !== undefined) throw new UsageError(`unknown option ${a}`);
        o.macNames = false;
        break;
      case "-N": {
        // tshark's -N sets exactly the kinds it lists (prefs.c string_to_name_resolve clears the rest).
        const kinds = arg();
        const other = [...kinds].find((c) => c !== "m");
        if (other !== undefined) {
          throw new UsageError(
            "mnNtdv".includes(other) ? `-N ${other}: only MAC address names (m) are resolved` : `-N specifies unknown resolving option '${other}'`,
          );
        }
        o.macNames = kinds.includes("m");
        break;
      }
      case "-2":
        if (attached !== undefined) throw new UsageError(`unknown option ${a}`);
        o.twoPass = true;
        break;
      case "-V":
        o.verbose = true;
        break;
      case "-x":
        o.hex = true;
        break;
      case "-h":
      case "--help":
        o.help = true;
        break;
      case "-v":
      case "--version":
        o.version = true;
        break;
      case "--export-objects":
        o.exportObjects.push(arg());
        break;
      case "--credentials":
        o.credentials = true;
        break;
      case "--diagram":
        o.diagram.push(arg());
        break;
      case "--diagram-detail":
        o.diagramDetail = arg();
        break;
      case "--diagram-numbers":
        o.diagramNumbers = arg();
        break;
      case "--diagram-args":
      case "--diagram-passwords":
        if (attached !== undefined) throw new UsageError(`unknown option ${a}`);
        if (flag === "--diagram-args") o.diagramArgs = true;
        else o.diagramPasswords = true;
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  if (o.fields.length > 0 && o.outputType !== "fields") throw new UsageError("-e requires -T fields");
  if (o.outputType === "fields" && o.fields.length === 0) throw new UsageError("-T fields requires at least one -e FIELD");
  if (o.outputType === "json" && !o.credentials) throw new UsageError('output type "json" is supported only with --credentials');
  if (o.readFilter !== undefined && !o.twoPass) throw new UsageError("-R without -2 is deprecated. For single-pass filtering use -Y.");
  return o;
}

export const USAGE = `Usage: pcapscope -r FILE [options]
  -r FILE                 read packets from FILE (pcap or pcapng)
  -c N                    stop after N packets
  -T fields|text          output format (default text: one summary line per packet)
  -e FIELD                field to print with -T fields (repeatable), Wireshark names
  -E header=y|n separator=/t|/s|C occurrence=f|l|a aggregator=,|/s|C quote=d|s|n
  -Y FILTER               print only the packets the display filter (Wireshark's language) selects
  -2                      two passes: dissect everything first, then print (as Wireshark's GUI sees packets)
  -R FILTER               with -2: read filter applied in the first pass
  -w FILE                 write the packets -Y keeps (all without it) to FILE ("-": standard output), printing none
  -F pcapng|pcap|nsecpcap the format -w writes (default pcapng, as tshark)
  -n                      no MAC address names (tshark's -n; other names are never resolved)
  -N m                    MAC address names (the default)
  -V                      print the packet details tree
  -x                      print the packet bytes as hex and ASCII
  --diagram ftp[,SESSION] | tcp,STREAM
                          Markdown with Mermaid sequence diagrams of FTP exchanges or a TCP stream's flow graph
  --diagram-detail commands|tcp|packets   FTP diagram detail (default tcp)
  --diagram-args          arguments and reply text in diagram labels (passwords masked)
  --diagram-passwords     with --diagram-args: show passwords
  --diagram-numbers none|autonumber|frame   number the arrows
  -z follow,tcp|udp|http,ascii|hex|raw|yaml,N
                          Follow Stream: stream N's payload per direction, as tshark prints it (repeatable)
  -z conv,eth|ip|ipv6|tcp|udp[,FILTER]       Conversations table, as tshark prints it (after the packets)
  -z endpoints,eth|ip|ipv6|tcp|udp[,FILTER]  Endpoints table
  -z io,phs[,FILTER]      Protocol Hierarchy Statistics (several -z print last first, like tshark)
  --export-objects ftp-data,DIR  write every FTP file and listing to DIR with DIR/manifest.json
  --export-objects http,DIR  write every HTTP object to DIR, named and decoded as tshark does
  --credentials           cleartext credentials (FTP, HTTP Basic and forms, SMTP, POP3, IMAP, Telnet, SNMP)
                          as a table, or as JSON with -T json; passwords shown (it is the analyst's file)
  -h, --help              this help
  -v, --version           version`;
