/**
 * The YAML configuration file: one section per service bound into immutable records, with CLI
 * overrides and error messages that name the file, line and expected value.
 */
package org.postern.common.config;
