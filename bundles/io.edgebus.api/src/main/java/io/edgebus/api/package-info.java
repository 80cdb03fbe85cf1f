@Export
@Version("1.1.0")
package io.edgebus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
