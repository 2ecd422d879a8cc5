package com.mobilemarketing.analytics.ui;

import com.mobilemarketing.analytics.AnalyticsRepository;
import com.mobilemarketing.analytics.AttributedOrdersRepository;
import com.mobilemarketing.analytics.CampaignRepository;
import com.mobilemarketing.analytics.RecipientListRepository;
import com.mobilemarketing.core.metrics.AttributionRepository;
import com.vaadin.flow.spring.annotation.SpringComponent;

/** The data the sections of a message's analytics read: its figures, its recipient lists, its orders, the account's attribution and its campaign. */
@SpringComponent
record AnalyticsSources(
        AnalyticsRepository repository,
        RecipientListRepository recipients,
        AttributedOrdersRepository orders,
        AttributionRepository attributions,
        CampaignRepository campaigns) {}
