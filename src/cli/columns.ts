export const PROTOCOL_COLUMN_FIELD = "_ws.col.Protocol";
export const INFO_COLUMN_FIELD = "_ws.col.Info";
