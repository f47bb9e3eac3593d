#pragma once
// File ▸ Export figure… (view, whole comparison or not, size, DPI; PNG/SVG/PDF by extension),
// Copy figure to clipboard, and Export data… (ids, angles, attention as JSON/CSV/NPY written by
// the CLI's own writers, core io/writers.h).
#include <QString>

#include "app/gui/compute.h"
#include "app/gui/figure.h"

namespace ropelab::app {

class MainWindow;

enum class DataKind { Positions, Angles, Attention };

// Writes the primary variant's data by the file's extension (.json, .csv, .npy), atomically.
// Empty on success, else a message naming the file.
QString export_data(const ComputeResult& result, DataKind kind, const QString& path);

void export_figure_dialog(MainWindow* window);
void copy_figure_to_clipboard(MainWindow* window);
void export_data_dialog(MainWindow* window);

}  // namespace ropelab::app
