package org.postern.milter.filter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.postern.common.config.InvalidSettingException;

/** What a handler without a {@code type} key binds to: it refuses to exist, naming the types. */
@JsonIgnoreProperties(ignoreUnknown = true)
record MissingHandlerType() implements HandlerSettings {

  /** Always fails, so the config error points at the handler and lists the known types. */
  MissingHandlerType {
    throw new InvalidSettingException(
        "type",
        "a handler needs a type, one of: "
            + String.join(", ", MilterFilterRegistry.installed().types()));
  }
}
