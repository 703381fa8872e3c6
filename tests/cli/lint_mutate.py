#!/usr/bin/env python3
"""Writes a copy of the sample profile with one known mistake on each of several lines, for
test_lint*.sh: lint_mutate.py SAMPLE OUT. Each edit names the line it expects, so a change of the
sample fails loudly instead of silently moving the expected findings."""
import sys
src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().split("\n")
edits = [
 (5, '<Enable_Web_Server ua="na">Yes</Enable_Web_Server>', '<Enable_Web_Server ua=\u201dna\u201d>Yes</Enable_Web_Server>'),
 (8, '<Session_Max_Timeout ua="na">3600</Session_Max_Timeout>', '<Session_Max_Timeot ua="na">3600</Session_Max_Timeot>'),
 (10, '<Web_Server_Port ua="na">80</Web_Server_Port>', '<web_server_port ua="na">80</web_server_port>'),
 (11, '<Enable_Web_Admin_Access ua="na">Yes</Enable_Web_Admin_Access>', '<Enable_Web_Admin_Access ua="RW">Yes</Enable_Web_Admin_Access>'),
 (12, '<!-- <Admin_Password ua="na"/> -->', '<Admin_Password ua="na">s3cret</Admin_Password>'),
 (14, '<Phone-UI-readonly ua="na">No</Phone-UI-readonly>', "<Phone-UI-readonly ua='na'>No</Phone-UI-readonly>"),
 (24, '<Primary_DNS ua="rw">64.101.155.135</Primary_DNS>', '<Primary_DNS ua="rw">64.101.155.1350</Primary_DNS>'),
 (28, '<Enable_802.1X_Authentication ua="rw">No</Enable_802.1X_Authentication>', '<Enable_802.1X_Authentication ua="rw">Maybe</Enable_802.1X_Authentication>'),
 (35, '<Switch_Port_Config ua="na">AUTO</Switch_Port_Config>', '<Switch_Port_Config ua="na">1000FULL</Switch_Port_Config>'),
 (36, '<Syslog_Server ua="na"/>', '<Syslog_Server ua="na" id="1"/>'),
 (39, '<Secondary_NTP_Server ua="rw"/>', '<Primary_NTP_Server ua="rw"/>'),
 (67, '<SIP_TCP_Port_Min ua="na">5060</SIP_TCP_Port_Min>', '<SIP_TCP_Port_Min ua="na">70000</SIP_TCP_Port_Min>'),
 (140, '<Resync_At__HHmm_ ua="na"/>', '<Resync_At__HHmm_ ua="na">2460</Resync_At__HHmm_>'),
 (142, '<Resync_Periodic ua="na">7200</Resync_Periodic>', '<Resync_Periodic ua="na">1800+,3600</Resync_Periodic>'),
 (143, '<Resync_Error_Retry_Delay ua="na">30</Resync_Error_Retry_Delay>', '<Resync_Error_Retry_Delay ua="na">30,60+x</Resync_Error_Retry_Delay>'),
 (157, '<Log_Failure_Msg ua="na">$PN $MAC -- Resync failed: $ERR</Log_Failure_Msg>', '<Log_Failure_Msg ua="na">AT&T: $ERR</Log_Failure_Msg>'),
 (161, '<Upgrade_Error_Retry_Delay ua="na">3600</Upgrade_Error_Retry_Delay>', '<Upgrade_Error_Retry_Delay ua="na">3600\u201360</Upgrade_Error_Retry_Delay>'),
 (191, '<Dial_Tone ua="na">350@-19,440@-19;10(*/0/1+2)</Dial_Tone>', '<Dial_Tone ua="na">350@-19,440@-19;10(*/0/1+3)</Dial_Tone>'),
 (212, '<Cadence_1 ua="na">60(2/4)</Cadence_1>', '<Cadence_1 ua="na">60(2/4</Cadence_1>'),
 (288, '<Station_Name ua="na"/>', '<Station_Name ua="na">B\u00fcro 2</Station_Name>'),
]
for n, old, new in edits:
    if lines[n - 1] != old:
        sys.exit(f"line {n} of {src} is {lines[n - 1]!r}, not {old!r}")
    lines[n - 1] = new
open(dst, "w", encoding="utf-8").write("\n".join(lines))
