package org.postern.milter.filter;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.io.IOException;

/**
 * Maps the {@code type} key of a handler to its settings record and back, through the installed
 * {@link MilterFilterRegistry}. Jackson creates it from the annotation on {@link HandlerSettings}.
 */
final class HandlerTypeResolver extends TypeIdResolverBase {

  @Override
  public String idFromValue(Object value) {
    return MilterFilterRegistry.installed().typeOf(((HandlerSettings) value).getClass());
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return idFromValue(value);
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) throws IOException {
    MilterFilterRegistry registry = MilterFilterRegistry.installed();
    Class<? extends HandlerSettings> type = registry.settingsType(id).orElse(null);
    if (type == null) {
      String problem =
          "unknown handler type '" + id + "', known: " + String.join(", ", registry.types());
      // The config loader reports an IllegalArgumentException cause with the handler's line.
      throw JsonMappingException.from(
          (DeserializationContext) context, problem, new IllegalArgumentException(problem));
    }
    return context.constructType(type);
  }
}
