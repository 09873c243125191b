"""Reports: the year's figures, the Ministry's statistical forms, the award register in print,
who is due for a higher award, and the dashboards, all counted from the register."""
