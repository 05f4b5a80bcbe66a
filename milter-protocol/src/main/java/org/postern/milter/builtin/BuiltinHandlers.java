package org.postern.milter.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.postern.milter.handler.MilterChain;
import org.postern.milter.handler.MilterHandler;

/** Builds the filter chain the {@code handlers} config list describes. */
public final class BuiltinHandlers {
  private BuiltinHandlers() {}

  /** The filter {@code settings} describes. */
  public static MilterHandler create(HandlerSettings settings) {
    switch (settings.type()) {
      case ADD_HEADER:
        return new AddHeaderHandler(settings.name(), settings.value());
      case LOG:
      default:
        return new LogHandler();
    }
  }

  /** A factory making, per connection, a chain of the filters {@code settings} lists in order. */
  public static Supplier<MilterHandler> chain(List<HandlerSettings> settings) {
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("the milter needs at least one handler");
    }
    List<HandlerSettings> copy = List.copyOf(settings);
    return () -> {
      List<MilterHandler> handlers = new ArrayList<>();
      copy.forEach(each -> handlers.add(create(each)));
      return new MilterChain(handlers);
    };
  }
}
