/** The booth shop's messages. Every field is required; a message missing one is poison. */
@Export
@Version("1.0.0")
package io.edgebus.booth.contracts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
