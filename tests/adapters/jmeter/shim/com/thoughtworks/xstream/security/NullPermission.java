// Test-only compatibility shim for Debian's JMeter 2.13 on Java 17 (not shipped with perfgate).
//
// Debian builds JMeter 2.13 against XStream 1.4.20, whose security framework allows only a
// list of JDK types by default. JMeter 2.13 predates that framework and never allows its own
// classes, so loading any test plan fails with ForbiddenClassException:
// org.apache.jmeter.save.ScriptWrapper (and JMeter still exits 0, writing nothing).
//
// XStream.setupSecurity() registers NullPermission.NULL for every XStream instance. This class,
// placed before xstream.jar on the classpath, replaces XStream's own NullPermission: it still
// allows null and Mapper.Null, as the original does, and also JMeter's and JOrphan's types.
package com.thoughtworks.xstream.security;

import com.thoughtworks.xstream.mapper.Mapper;

public class NullPermission implements TypePermission {
  public static final TypePermission NULL = new NullPermission();

  public boolean allows(Class type) {
    if (type == null || type == Mapper.Null.class) return true;
    String name = type.getName();
    return name.startsWith("org.apache.jmeter.") || name.startsWith("org.apache.jorphan.");
  }
}
