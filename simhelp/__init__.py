"""SimHelp: self-service help for renewing and topping up Russian SIM cards."""
