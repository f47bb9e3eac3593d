#include "app/gui/scene_parameters.h"

#include <QSettings>

#include "ropelab/registry.h"

namespace ropelab::app {

Scene SceneParameters::scene() const {
  return Scene::text_video_text(textBefore, frames, height, width, textAfter, secondsPerFrame);
}

double default_delta(const QStringList& variants) {
  for (const QString& id : variants) {
    const Variant* v = find_variant(id.toStdString());
    if (v != nullptr && v->info().has_delta) return v->info().default_delta;
  }
  return 2.0;
}

Config SceneParameters::config(const Variant& variant, bool primary) const {
  Config config;
  config.head_dim = headDim;
  config.base = base;
  config.options = options;
  if (primary) config.split = split;
  if (variant.info().has_delta) config.delta = delta;
  return config;
}

void SceneParameters::save(QSettings& s) const {
  s.beginGroup(QStringLiteral("scene"));
  s.setValue("variants", variants);
  s.setValue("delta", delta);
  s.setValue("base", base);
  s.setValue("headDim", headDim);
  QList<QVariant> splitValues;
  for (int v : split) splitValues.append(v);
  s.setValue("split", splitValues);
  s.setValue("textBefore", textBefore);
  s.setValue("frames", frames);
  s.setValue("height", height);
  s.setValue("width", width);
  s.setValue("textAfter", textAfter);
  s.setValue("query", static_cast<qlonglong>(query));
  s.setValue("qkModel", static_cast<int>(qkModel));
  s.endGroup();
}

SceneParameters SceneParameters::load(QSettings& s) {
  SceneParameters p;
  s.beginGroup(QStringLiteral("scene"));
  p.variants = s.value("variants", p.variants).toStringList();
  if (p.variants.isEmpty()) p.variants = SceneParameters{}.variants;
  p.delta = s.value("delta", p.delta).toDouble();
  p.base = s.value("base", p.base).toDouble();
  p.headDim = s.value("headDim", p.headDim).toInt();
  for (const QVariant& v : s.value("split").toList()) p.split.push_back(v.toInt());
  p.textBefore = s.value("textBefore", p.textBefore).toInt();
  p.frames = s.value("frames", p.frames).toInt();
  p.height = s.value("height", p.height).toInt();
  p.width = s.value("width", p.width).toInt();
  p.textAfter = s.value("textAfter", p.textAfter).toInt();
  p.query = s.value("query", static_cast<qlonglong>(p.query)).toLongLong();
  p.qkModel = static_cast<views::QkModel>(s.value("qkModel", 0).toInt());
  s.endGroup();
  return p;
}

}  // namespace ropelab::app
