package org.postern.common.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.postern.common.address.ListenAddress;

/**
 * Jackson (de)serializers for the value types config records use: {@link ListenAddress} in Postfix
 * notation, {@link Duration} as {@link DurationText}, {@link ByteSize}, {@link Path} as plain text
 * and enums as kebab-case names ({@code DEFER_IF_PERMIT} is {@code defer-if-permit}).
 *
 * <p>Parser errors propagate as the parsers' own {@link IllegalArgumentException}s so their
 * messages reach the operator unchanged.
 */
public final class ConfigModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Registers the value types. */
  public ConfigModule() {
    super("postern-config");
    addScalar(ListenAddress.class, ListenAddress::parse, ListenAddress::toString);
    addScalar(ByteSize.class, ByteSize::parse, ByteSize::toString);
    addScalar(Path.class, ConfigModule::parsePath, Path::toString);
    addScalar(Duration.class, DurationText::parse, DurationText::format);
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addSerializers(new EnumSerializers());
    context.addDeserializers(new EnumDeserializers());
  }

  /** The kebab-case config spelling of an enum constant. */
  public static String enumText(Enum<?> constant) {
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private <T> void addScalar(Class<T> type, Function<String, T> parse, Function<T, String> format) {
    addDeserializer(type, new TextDeserializer<>(type, parse));
    addSerializer(type, new TextSerializer<>(type, format));
  }

  private static Path parsePath(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("invalid path '': it is empty");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid path '" + text + "': " + e.getReason(), e);
    }
  }

  /** Reads a value from a YAML string; bare integers count too (a Duration in seconds). */
  private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // the module is never Java-serialized; Jackson needs the field
    private final Function<String, T> parse;

    TextDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
        return parse.apply(parser.getText());
      }
      @SuppressWarnings("unchecked") // handledType() is the Class<T> given to the constructor
      T unexpected = (T) context.handleUnexpectedToken(handledType(), parser);
      return unexpected;
    }
  }

  /** Writes a value as its config text so defaults merge with file values. */
  private static final class TextSerializer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // the module is never Java-serialized; Jackson needs the field
    private final Function<T, String> format;

    TextSerializer(Class<T> type, Function<T, String> format) {
      super(type);
      this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(format.apply(value));
    }
  }

  private static final class EnumSerializers extends Serializers.Base {
    @Override
    public JsonSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription description) {
      return type.isEnumType() ? new KebabEnumSerializer() : null;
    }
  }

  private static final class EnumDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findEnumDeserializer(
        Class<?> type, DeserializationConfig config, BeanDescription description) {
      return new KebabEnumDeserializer(type);
    }
  }

  private static final class KebabEnumSerializer extends StdSerializer<Enum<?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"}) // Enum.class stands for every Enum<?> subtype
    KebabEnumSerializer() {
      super((Class) Enum.class);
    }

    @Override
    public void serialize(Enum<?> value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(enumText(value));
    }
  }

  private static final class KebabEnumDeserializer extends StdScalarDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    KebabEnumDeserializer(Class<?> type) {
      super(type);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return context.handleUnexpectedToken(handledType(), parser);
      }
      String text = parser.getText();
      String wanted = text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      for (Object constant : handledType().getEnumConstants()) {
        if (enumText((Enum<?>) constant).equals(wanted)) {
          return constant;
        }
      }
      return context.handleWeirdStringValue(handledType(), text, "not one of the known values");
    }
  }
}
