/** Examples of writing milters and calling them from Java with Postern's milter library. */
package org.postern.examples.milter;
