/** Examples of calling milters from Java with Postern's milter library. */
package org.postern.examples.milter;
