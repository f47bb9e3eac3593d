#include "views/attention_data.h"

namespace ropelab::views {

QkSource qk_source(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QkSource::ones();
    case QkModel::Gaussian:
      return QkSource::gaussian(7);
    case QkModel::MeanShiftedGaussian:
      return QkSource::gaussian(7, 1.0);
  }
  return QkSource::ones();
}

QString qk_label(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QStringLiteral("ones");
    case QkModel::Gaussian:
      return QStringLiteral("gaussian N(0,1)");
    case QkModel::MeanShiftedGaussian:
      return QStringLiteral("gaussian N(1,1)");
  }
  return {};
}

QString qk_note(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QStringLiteral(
          "All-ones q/k: the logit is the pure positional term, what the papers' mechanism "
          "figures argue with.");
    case QkModel::Gaussian:
      return QStringLiteral(
          "Zero-mean random q/k: no positional bias in expectation; one sample shows only "
          "noise.");
    case QkModel::MeanShiftedGaussian:
      return QStringLiteral(
          "Mean-shifted random q/k: the shared mean brings the positional bias back on top of "
          "the noise.");
  }
  return {};
}

}  // namespace ropelab::views
