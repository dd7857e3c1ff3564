#!/bin/bash
# deb post-remove (electron-builder.yml deb.afterRemove): what electron-builder's script does (the
# command link, the AppArmor profile), then the example policy. IT's /etc/zapdesk/policy.json stays.
if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' || true
else
  rm -f '/usr/bin/${executable}'
fi
if [ -f '/etc/apparmor.d/${executable}' ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
    apparmor_parser --remove '/etc/apparmor.d/${executable}' || true
  fi
  rm -f '/etc/apparmor.d/${executable}'
fi
rm -f /etc/zapdesk/policy.json.example
rmdir /etc/zapdesk 2>/dev/null || true
exit 0
