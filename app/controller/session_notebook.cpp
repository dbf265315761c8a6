// The session's record of cells for the take-home notebook, bounded.
#include "app/controller/session_notebook.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace bufferlab {
namespace {

std::size_t output_size(const NotebookCell& cell) {
  std::size_t bytes = 0;
  for (const NotebookOutput& piece : cell.output) bytes += piece.text.size();
  return bytes;
}

}  // namespace

NotebookCell script_cell(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  NotebookCell cell;
  cell.code = text.str();
  return cell;
}

void record_cell_result(NotebookCell& cell, const CellResult& result) {
  cell.output.clear();
  for (const OutputChunk& chunk : result.output)
    cell.output.push_back({chunk.stream == OutputChunk::Stream::Err ? NotebookOutput::Stream::Err
                                                                      : NotebookOutput::Stream::Out,
                           chunk.text});
  cell.dropped_bytes = result.dropped_bytes;
  cell.raised = result.raised;
  cell.error_type = result.error_type;
}

void SessionNotebook::cell_started(NotebookCell cell) { started_.push_back({std::move(cell), false}); }

void SessionNotebook::cell_finished(const CellResult& result) {
  if (started_.empty()) return;
  Started started = std::move(started_.front());
  started_.pop_front();
  if (started.before_reset) return;
  record_cell_result(started.cell, result);
  output_bytes_ += output_size(started.cell);
  cells_.push_back(std::move(started.cell));
  keep_within_bounds();
}

void SessionNotebook::namespace_reset() {
  for (Started& started : started_) started.before_reset = true;
  cells_.clear();
  dropped_cells_ = 0;
  output_bytes_ = 0;
}

void SessionNotebook::keep_within_bounds() {
  if (cells_.size() > kMaxCells) {
    const std::size_t gone = cells_.size() - kMaxCells;
    for (std::size_t i = 0; i < gone; ++i) output_bytes_ -= output_size(cells_[i]);
    cells_.erase(cells_.begin(), cells_.begin() + static_cast<std::ptrdiff_t>(gone));
    dropped_cells_ += gone;
  }
  // The newest cell keeps its output (the session already bounds one cell's output).
  for (std::size_t i = 0; output_bytes_ > kOutputBudget && i + 1 < cells_.size(); ++i) {
    NotebookCell& cell = cells_[i];
    const std::size_t bytes = output_size(cell);
    if (bytes == 0) continue;
    // The traceback stays: it names the error the cell raised.
    std::vector<NotebookOutput> kept;
    if (cell.raised && !cell.output.empty() && cell.output.back().stream == NotebookOutput::Stream::Err &&
        cell.output.back().text.size() < 64 * 1024)
      kept.push_back(std::move(cell.output.back()));
    const std::size_t kept_bytes = kept.empty() ? 0 : kept.front().text.size();
    cell.dropped_bytes += bytes - kept_bytes;
    cell.output = std::move(kept);
    output_bytes_ -= bytes - kept_bytes;
  }
}

std::optional<std::string> SessionNotebook::write(const std::string& path) const {
  return write_notebook_file(path, cells_, dropped_cells_);
}

}  // namespace bufferlab
