/**
 * AppleTalk on Ethernet (EtherTalk): AARP, DDP and the DDP protocols Wireshark
 * 4.0 dissects that LAN captures of the 1990s carry (NBP, RTMP). `ddp` is
 * exported for the LLC layer's SNAP hand-off (Apple OUI 08-00-07, PID 0x809b).
 */
import "./aarp";
import "./nbp";
import "./rtmp";
export { ddp, ETHERTYPE_ATALK, registerDdpType } from "./ddp";
