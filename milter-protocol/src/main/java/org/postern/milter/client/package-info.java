/**
 * The MTA side of the milter protocol: {@link org.postern.milter.client.MilterClient} lets a Java
 * MTA call any milter over one connection, built by {@link
 * org.postern.milter.client.MilterClientFactory}.
 */
package org.postern.milter.client;
