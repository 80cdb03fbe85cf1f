@Export
@Version("1.1.0")
package io.edgebus.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
