/** The analyzer's Web Worker: nothing but the Comlink endpoint. */
import * as Comlink from "comlink";
import { AnalyzerApi } from "./analyzer-api";

Comlink.expose(new AnalyzerApi());
