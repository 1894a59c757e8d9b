/** MySQL's connection phase (mysql.ts). */
export { mysqlFields } from "./mysql";
