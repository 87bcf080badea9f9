/**
 * Full-screen editors for the simulated node's terminal: vim (vi, view) and nano. Pure: they
 * read and write files only through an EditorFs, and turn raw terminal input into terminal
 * output. See README.md for the plumbing that puts them on the WebSocket.
 */
export { editorForCommand, feedEditor, MIN_COLS, MIN_ROWS, openEditor, parseEditorArgs, renderEditor, resizeEditor } from "./session";
export type { EditorArgs, EditorProgram, EditorState, OpenEditorOptions } from "./session";
export type { EditorEnv, EditorExit, EditorFs, EditorFsError, EditorReadResult, EditorStep, EditorWriteResult, ScreenSize } from "./types";
export { LEAVE_SCREEN } from "./screen";
export { restoreEditorState } from "./restore";
export { editorFsFromVfs } from "./vfs-fs";
