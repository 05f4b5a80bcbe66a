package org.postern.common.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/** A strict little reader of Prometheus text output, so tests check numbers, not strings. */
final class PrometheusSamples {
  final Map<String, Double> values = new LinkedHashMap<>();
  final Map<String, String> types = new LinkedHashMap<>();
  final Map<String, String> helps = new LinkedHashMap<>();

  static PrometheusSamples parse(String text) {
    PrometheusSamples samples = new PrometheusSamples();
    String currentFamily = null;
    if (!text.endsWith("\n")) {
      throw new AssertionError("exposition must end with a line feed");
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        samples.helps.put(parts[0], parts[1]);
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        if (samples.types.containsKey(parts[0])) {
          throw new AssertionError("family declared twice: " + parts[0]);
        }
        if (!samples.helps.containsKey(parts[0])) {
          throw new AssertionError("TYPE before HELP for " + parts[0]);
        }
        samples.types.put(parts[0], parts[1]);
        currentFamily = parts[0];
      } else {
        int space = line.lastIndexOf(' ');
        String series = line.substring(0, space);
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        if (currentFamily == null || !name.startsWith(currentFamily)) {
          throw new AssertionError("sample outside its family: " + line);
        }
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
          throw new AssertionError("invalid metric name: " + name);
        }
        if (samples.values.put(series, Double.parseDouble(line.substring(space + 1))) != null) {
          throw new AssertionError("duplicate series: " + series);
        }
      }
    }
    return samples;
  }

  double value(String series) {
    Double value = values.get(series);
    if (value == null) {
      throw new AssertionError("no series " + series + " in " + values.keySet());
    }
    return value;
  }
}
