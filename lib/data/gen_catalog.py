#!/usr/bin/env python3
"""Generates lib/data/catalog.tsv, provkit's built-in parameter catalog, from the guide's sample
profile (every parameter element, and the parameters its comments name) plus the provisioning
parameters of the guide's chapter 5 and NOTES.md that the sample lacks. Types come from the rules
below: explicit per-name types first, then patterns on the name and the sample's value.

usage: gen_catalog.py SAMPLE.xml > lib/data/catalog.tsv
"""
import re
import sys

# Explicit types (the guide's "Data Types" mapped onto the parameters that use them).
EXPLICIT = {
    "Resync_At__HHmm_": "hhmm",
    "Resync_Periodic": "schedule",
    "Resync_Error_Retry_Delay": "schedule",
    "Upgrade_Error_Retry_Delay": "schedule",
    "Profile_Rule": "rule", "Profile_Rule_B": "rule", "Profile_Rule_C": "rule", "Profile_Rule_D": "rule",
    "Upgrade_Rule": "rule", "Custom_CA_Rule": "rule",
    "Resync_Trigger_1": "trigger", "Resync_Trigger_2": "trigger",
    "Dial_Plan_1_": "dialplan",
    "Static_IP": "ipv4", "NetMask": "ipv4", "Gateway": "ipv4", "Primary_DNS": "ipv4",
    "Secondary_DNS": "ipv4", "EXT_IP": "ipv4",
    "Syslog_Server": "host", "Debug_Server": "host", "Primary_NTP_Server": "host",
    "Secondary_NTP_Server": "host", "STUN_Server": "host", "LDAP_Server": "host",
    "Proxy_1_": "host", "Outbound_Proxy_1_": "host", "Alternate_Proxy_1_": "host",
    "Alternate_Outbound_Proxy_1_": "host",
    "ACS_URL": "url", "BACKUP_ACS_URL": "url", "ACS_URL_In_Use": "url", "Connection_Request_URL": "url",
    "XML_Directory_Service_URL": "url", "XML_Application_Service_URL": "url",
    "Picture_Download_URL": "url", "Logo_URL": "url", "PRT_Upload_Rule": "url",
    "Web_Server_Port": "port", "SIP_TCP_Port_Min": "port", "SIP_TCP_Port_Max": "port",
    "RTP_Port_Min": "port", "RTP_Port_Max": "port", "EXT_RTP_Port_Min": "port",
    "SIP_Port_1_": "port", "EXT_SIP_Port_1_": "port",
    "VLAN_ID": "int:0..4095",
    "SIP_TOS_DiffServ_Value_1_": "int:0..255", "RTP_TOS_DiffServ_Value_1_": "int:0..255",
    "Ringer_Volume": "int:0..15", "Speaker_Volume": "int:0..15",
    "Extension_1_": "enum:Disabled|1",
    "Default_Ring_1_": "str", "Hold_Reminder_Ring": "str",
    "DHCP_Option_To_Use": "str",
    "Debug_Level": "enum:EMERGENCY|ALERT|CRITICAL|ERROR|WARNING|NOTICE|INFO|DEBUG|0|1|2|3",
    "Enable_Protocol": "enum:Http|Https",
    "IP_Mode": "enum:IPv4 Only|IPv6 Only|Dual Mode",
    "Connection_Type": "enum:DHCP|Static IP",
    "DNS_Server_Order": "enum:Manual|Manual,DHCP|DHCP,Manual",
    "DNS_Query_Mode": "enum:Parallel|Sequential",
    "Switch_Port_Config": "enum:AUTO|10HALF|10FULL|100HALF|100FULL",
    "Caller_ID_Header": "enum:PAID-RPID-FROM|PAID-FROM|RPID-PAID-FROM|RPID-FROM|FROM",
    "Sip_Accept_Encoding": "enum:none|gzip",
    "PRT_Upload_Method": "enum:POST|PUT",
    "Share_Call_Appearance_1_": "enum:private|shared",
    "Line_ID_Mapping": "enum:Horizontal First|Vertical First",
    "Directory_Type": "enum:Enterprise|Group|Personal|Enterprise Common|Group Common",
    "CISCO_XML_EXE_Auth_Mode": "enum:Trusted|Local Credential|Remote Credential|Digest",
    "LDAP_Auth_Method": "enum:None|Simple|DIGEST-MD5",
    "SIP_Transport_1_": "enum:UDP|TCP|TLS|AUTO",
    "Proxy_Redundancy_Method_1_": "enum:Normal|Based on SRV Port",
    "Preferred_Codec_1_": "enum:G711u|G711a|G729a|G722|G722.2|iLBC|OPUS",
    "Second_Preferred_Codec_1_": "enum:Unspecified|G711u|G711a|G729a|G722|G722.2|iLBC|OPUS",
    "Third_Preferred_Codec_1_": "enum:Unspecified|G711u|G711a|G729a|G722|G722.2|iLBC|OPUS",
    "DTMF_Tx_Method_1_": "enum:InBand|AVT|INFO|Auto|InBand+INFO|AVT+INFO",
    "Codec_Negotiation_1_": "enum:Default|List All",
    "Encryption_Method_1_": "enum:AES 128|AES 256 GCM",
    "Time_Format": "enum:12hr|24hr",
    "Date_Format": "enum:month/day|day/month",
    "Handset_LED_Alert": "enum:Voicemail|Voicemail, Missed Call",
    "Screen_Saver_Type": "enum:Clock|Download Picture|Logo",
    "Back_Light_Timer": "enum:Off|10s|20s|30s|Always On",
    "Boot_Display": "enum:Default|Download Picture|Logo|Text",
    "Phone_Background": "enum:Default|Download Picture|Logo",
    "Bluetooth_Mode": "enum:Phone|Handsfree|Both",
    "Set_iLBC_mode_1_": "enum:20|30",
}

# Parameters of the guide (chapters 2 and 5) and NOTES.md that the sample does not contain:
# (name, type, ua, default, flags).
EXTRA = [
    ("GPP_SA", "str", "na", "", "secret"),
    ("GPP_SB", "str", "na", "", "secret"),
    ("GPP_SC", "str", "na", "", "secret"),
    ("GPP_SD", "str", "na", "", "secret"),
    ("IKM_HTTP_Encrypt_Content", "str", "na", "", "secret"),
    ("Downgrade_Rev_Limit", "str", "na", "", ""),
    ("Debug_Server", "host", "na", "", ""),
]

SECRET = re.compile(r"Password")
INTEGER = re.compile(r"^[0-9]+$")
DECIMAL = re.compile(r"^[0-9]*\.[0-9]+$")


def type_of(name, value):
    if name in EXPLICIT:
        return EXPLICIT[name]
    if value.lower() in ("yes", "no"):
        return "bool"
    if re.fullmatch(r"Cadence_[0-9]+", name):
        return "cadscript"
    if name.endswith("_Tone") or name == "System_Beep":
        return "tonescript"
    if name.endswith("_Code") and value.startswith("*"):
        return "star"
    if re.fullmatch(r"SIP_T[0-9]|SIP_Timer_[A-Z]|Interdigit_\w+_Timer", name):
        return "float:0..4294967295"  # seconds, fractions allowed (Time<n>)
    if name.endswith("_Dynamic_Payload"):
        return "int:96..127"
    if INTEGER.match(value):
        return "int:0..4294967295"
    if DECIMAL.match(value):
        return "float:0..4294967295"
    return "str"


def escape(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main(path):
    text = open(path, encoding="utf-8").read()
    rows, seen = [], set()
    element = re.compile(r'<([A-Za-z_][\w.\-]*)\s+ua="(na|ro|rw)"\s*(?:/>|>(.*?)</\1>)')
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("<!--"):  # a section heading, or a parameter the sample leaves out
            line = line[4:].removesuffix("-->").strip()
        m = element.fullmatch(line)
        if not m:
            continue
        name, ua, value = m.group(1), m.group(2), m.group(3) or ""
        if name in seen:
            continue
        seen.add(name)
        flags = "secret" if SECRET.search(name) else ""
        rows.append((name, type_of(name, value), ua, value, flags))
    for row in EXTRA:
        if row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
    out = sys.stdout
    out.write("# provkit built-in parameter catalog, generated by lib/data/gen_catalog.py from the guide's\n")
    out.write("# sample profile (CP-7832-3PCC) and chapter 5. NAME TYPE UA DEFAULT FLAGS, TAB-separated.\n")
    for name, typ, ua, value, flags in rows:
        out.write("\t".join([name, typ, ua, escape(value), flags]).rstrip("\t") + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
