"""Topic models: preprocessing from the NLP stage, engines behind one interface, model selection."""
