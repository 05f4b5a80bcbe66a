package org.postern.milter.filter;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * The typed config record of one filter in the {@code handlers} list of the {@code milter} section,
 * such as {@code {type: add-header, name: X-Checked, value: "yes"}}. The {@code type} key picks the
 * record through the installed {@link MilterFilterRegistry}, so each module brings its own filter
 * types and their keys are checked like any other config record.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.CUSTOM,
    include = JsonTypeInfo.As.PROPERTY,
    property = "type",
    defaultImpl = MissingHandlerType.class)
@JsonTypeIdResolver(HandlerTypeResolver.class)
public interface HandlerSettings {}
