// Every shortcut, with the pane it works in: the one table the F1 overlay (and Help > Keys)
// shows, so a teacher finds any key in one place.
#pragma once

namespace bufferlab {

struct KeyHelp {
  const char* keys;
  const char* what;
  const char* where;
};

inline constexpr KeyHelp kKeyHelp[] = {
    {"F1", "this list of keys (again, or Escape, closes it)", "anywhere"},
    {"Ctrl+O", "open a lesson (Markdown or notebook)", "anywhere"},
    {"Ctrl+S", "save the console's transcript as a text file", "anywhere"},
    {"Ctrl+Q", "quit", "anywhere"},
    {"F12", "save a screenshot of the window (the console says where)", "anywhere"},
    {"Ctrl+= / Ctrl+- / Ctrl+0", "larger, smaller, default text", "anywhere"},
    {"Ctrl+1 / Ctrl+2 / Ctrl+3", "layout: lesson, memory, all six panes", "anywhere"},
    {"Ctrl+4", "layout: memory with the data inspector (selected bytes read every way)", "anywhere"},
    {"F11, double-click a title", "show the pane under the pointer alone, and back", "anywhere"},
    {"Escape", "back from a pane shown alone, else unpin a highlight", "anywhere"},
    {"Ctrl+Z / Ctrl+Shift+Z", "undo, redo a byte or element edit", "anywhere but a field with text"},
    {"Ctrl+C", "interrupt the running cell (as Stop), unless transcript text is selected", "anywhere"},
    {"Ctrl+Enter", "run the step's code", "Lesson"},
    {"Right, Page Down", "next step (past the last: the next lesson)", "Lesson"},
    {"Left, Page Up", "previous step", "Lesson"},
    {"Enter or Y / Escape", "answer a question: go on / keep things as they are", "Lesson"},
    {"K", "at \"forget typed names?\": go on and keep them (when the lesson leaves them alone)", "Lesson"},
    {"Enter", "run what is typed (a block ends at an empty line)", "Console"},
    {"Ctrl+Enter", "a new line without running", "Console"},
    {"Up / Down", "earlier and later input", "Console"},
    {"Tab", "complete as python3 does (Tab again lists the matches); indent at a line start", "Console"},
    {"Ctrl+C", "in the input: copy its selection, else drop the typed block", "Console"},
    {"drag, double-click, triple-click", "select transcript text, a word, a line (Shift+click extends)", "Console"},
    {"Ctrl+C", "copy the selected transcript text (the cell runs on; Ctrl+C again interrupts)", "Console"},
    {"Ctrl+A", "select the whole transcript (after a click in it)", "Console"},
    {"right-click the transcript", "copy, select all, save the transcript", "Console"},
    {"Ctrl+L", "clear the transcript", "Console"},
    {"Escape", "leave the input (the typed line stays)", "Console"},
    {"click a byte, type, Enter", "write the byte (hex, dec or bin as shown)", "Memory"},
    {"right-click a byte", "copy the byte, its row or the region", "Memory"},
    {"drag across bytes, Shift+click", "select a range of bytes for the data inspector", "Memory"},
    {"click a reading / double-click, type, Enter", "add it as \"view as\" / write it in that format", "Data inspector"},
    {"Page Up / Page Down, Ctrl+Home / Ctrl+End", "scroll a grid a page, to its start or end", "Memory"},
    {"Shift+wheel", "scroll a row that is wider than the pane", "Memory"},
    {"double-click an element, type, Enter", "write the element in its format", "Views"},
    {"right-click an element", "copy it, or the whole view, as its Python value", "Views"},
};

}  // namespace bufferlab
